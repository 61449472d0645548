#!/bin/sh
# Fails when the C sources call a banned function (unbounded or unchecked forms).
found=$(grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|strncat|gets|atoi|atol|atoll)\s*\(' src tests/unit tools 2>/dev/null | grep -v 'check-banned')
if [ -n "$found" ]; then
	echo "banned functions used:"
	echo "$found"
	exit 1
fi
