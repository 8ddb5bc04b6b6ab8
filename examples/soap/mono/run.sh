#!/bin/sh
# Generate the proxy class from the served WSDL, compile, call. Usage: sh run.sh <wsdl-url>
set -e
wsdl -nologo -out:MccService.cs "$1" > /dev/null
mcs -nologo -r:System.Web.Services -out:Tour.exe MccService.cs Tour.cs
mono Tour.exe
