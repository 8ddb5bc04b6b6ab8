#!/bin/sh
# Nothing to generate. Usage: sh run.sh <wsdl-url>
set -e
perl tour.pl "$1"
