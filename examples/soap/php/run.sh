#!/bin/sh
# SoapClient reads the WSDL at run time: nothing to generate. Usage: sh run.sh <wsdl-url>
set -e
php tour.php "$1"
