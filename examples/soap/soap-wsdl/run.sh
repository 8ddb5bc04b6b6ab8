#!/bin/sh
# Generate the classes from the served WSDL (their endpoint is its soap:address), then call.
# Usage: sh run.sh <wsdl-url>
set -e
wsdl2perl -b lib -p Mcc "$1" > /dev/null
perl -Ilib tour.pl
