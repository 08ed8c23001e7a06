package main

import (
	_ "github.com/cockroachdb/pebble/v2"
	_ "github.com/spf13/cobra"
	_ "github.com/zeebo/xxh3"
	_ "golang.org/x/term"
	_ "golang.org/x/text/unicode/norm"
)

func main() {}
