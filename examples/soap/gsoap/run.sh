#!/bin/sh
# Generate the C++ proxy from the served WSDL, compile, call. Usage: sh run.sh <wsdl-url>
set -e
wsdl2h -o mcc.h "$1" > /dev/null
soapcpp2 -j -C -x -L -I/usr/share/gsoap/import mcc.h > /dev/null
g++ -w -o tour tour.cpp soapC.cpp soapMultiChannelConnectorSoapBindingProxy.cpp -lgsoap++
./tour
