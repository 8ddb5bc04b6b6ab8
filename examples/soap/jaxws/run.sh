#!/bin/sh
# Generate the client from the served WSDL with wsimport (Debian's libjaxws-java on Java 17),
# compile, call. Usage: sh run.sh <wsdl-url>
set -e
J=/usr/share/java
CP=$J/jaxws-tools.jar:$J/jaxws-rt.jar:$J/jaxws-api.jar:$J/jaxb-api.jar:$J/jaxb-runtime.jar:$J/jaxb-core.jar
CP=$CP:$J/jaxb-impl.jar:$J/jaxb-xjc.jar:$J/javax.activation.jar:$J/saaj-impl.jar:$J/stax-ex.jar
CP=$CP:$J/streambuffer.jar:$J/istack-commons-runtime.jar:$J/istack-commons-tools.jar:$J/codemodel.jar
CP=$CP:$J/metro-policy.jar:$J/mimepull.jar:$J/gmbal.jar:$J/glassfish-management-api.jar:$J/FastInfoset.jar
CP=$CP:$J/jws-api.jar:$J/rngom.jar:$J/xsom.jar:$J/dtd-parser.jar:$J/relaxngDatatype.jar:$J/txw2.jar
CP=$CP:$J/woodstox-core.jar:$J/stax2-api.jar
mkdir -p src classes
java -cp "$CP" com.sun.tools.ws.WsImport -quiet -Xnocompile -s src -d classes -p mcc.jaxws "$1"
javac -nowarn -cp "$CP" -d classes src/mcc/jaxws/*.java Tour.java
java -cp "$CP:classes" Tour "$1"
