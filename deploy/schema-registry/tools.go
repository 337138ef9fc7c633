//go:build tools

// Package tools pins the schema registry the local stack builds; it compiles nothing itself.
// `go install …@v0.2.1` cannot be used: the module proxy refuses the version list it asks for, so
// scripts/stack/components/schema-registry.sh runs `go build` on this module instead.
package tools

import _ "github.com/axonops/axonops-schema-registry/cmd/schema-registry"
