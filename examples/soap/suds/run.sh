#!/bin/sh
# suds reads the WSDL at run time: nothing to generate. Usage: sh run.sh <wsdl-url>
set -e
/usr/bin/python3 tour.py "$1"
