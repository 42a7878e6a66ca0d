#!/usr/bin/env bash
# Zipped size of the function's runtime jars, and what Powertools for AWS Lambda (Java) would add (docs/security.md).
#   bash docs/measurements/zip-sizes.sh > docs/measurements/zip-sizes.txt
# First row: the jars the build ships (target/lib after the Makefile's Maven step). The others: a throwaway pom (in a
# temporary folder) with the function's runtime dependencies, as function.pom.xml declares them, alone and plus the
# Powertools modules named; runtime jars copied with `dependency:copy-dependencies -DincludeScope=runtime`. Every
# row is zipped with `zip -q -r -X`, as Lambda receives them. Needs only ./mvnw (Maven Central for the jars).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
POWERTOOLS=2.9.0
props() { ./mvnw -q -B -N help:evaluate -Dexpression="$1" -DforceStdout 2>/dev/null; }
SDK=$(props aws.sdk.version); CORE=$(props lambda.core.version); EVENTS=$(props lambda.events.version); CRAC=$(props crac.version)
variant() { # variant <name> <extra dependency xml>
  local dir; dir=$(mktemp -d)
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>measure</groupId><artifactId>zip-size</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies><dependency><groupId>software.amazon.awssdk</groupId><artifactId>bom</artifactId>
    <version>$SDK</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>com.amazonaws</groupId><artifactId>aws-lambda-java-core</artifactId><version>$CORE</version></dependency>
    <dependency><groupId>com.amazonaws</groupId><artifactId>aws-lambda-java-events</artifactId><version>$EVENTS</version></dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><exclusions>
      <exclusion><groupId>software.amazon.awssdk</groupId><artifactId>netty-nio-client</artifactId></exclusion>
      <exclusion><groupId>software.amazon.awssdk</groupId><artifactId>apache-client</artifactId></exclusion>
      <exclusion><groupId>software.amazon.awssdk</groupId><artifactId>apache5-client</artifactId></exclusion></exclusions></dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>url-connection-client</artifactId></dependency>
    <dependency><groupId>org.crac</groupId><artifactId>crac</artifactId><version>$CRAC</version></dependency>
    $2
  </dependencies>
</project>
POM
  "$ROOT/mvnw" -q -B -f "$dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib" >/dev/null
  (cd "$dir/lib" && zip -q -r -X "$dir/jars.zip" .)
  local bytes; bytes=$(stat -c %s "$dir/jars.zip")
  printf '| %s | %d | %s | %s |\n' "$1" "$(ls "$dir/lib" | wc -l)" "$bytes" "$(awk -v b="$bytes" 'BEGIN{printf "%.2f", b/1048576}')"
  rm -rf "$dir"
}
pt() { echo "<dependency><groupId>software.amazon.lambda</groupId><artifactId>$1</artifactId><version>$POWERTOOLS</version></dependency>"; }
echo "# command: bash docs/measurements/zip-sizes.sh   (run $(date -u +%Y-%m-%d), SDK $SDK, Powertools $POWERTOOLS)"
echo
echo "| runtime jars | jars | zipped bytes | zipped MiB |"
echo "|---|---:|---:|---:|"
./mvnw -q -B -pl :csv-test-function -am process-classes >/dev/null
BUILT=$(mktemp -d); (cd target/lib && zip -q -r -X "$BUILT/jars.zip" .)
bytes=$(stat -c %s "$BUILT/jars.zip"); rm -rf "$BUILT"
printf '| %s | %d | %s | %s |\n' "target/lib, as the build ships it" "$(ls target/lib | wc -l)" "$bytes" \
  "$(awk -v b="$bytes" 'BEGIN{printf "%.2f", b/1048576}')"
variant "the function's (SDK S3 + url-connection client, Lambda core/events, CRaC)" ""
variant "+ powertools-logging-log4j + powertools-metrics $POWERTOOLS" "$(pt powertools-logging-log4j) $(pt powertools-metrics)"
variant "+ powertools-metrics $POWERTOOLS only" "$(pt powertools-metrics)"
variant "+ powertools-logging-log4j $POWERTOOLS only" "$(pt powertools-logging-log4j)"
