//go:build tools

// Package tools pins the kustomize that renders k8s/ in the deployment checks (deploy/*.spec.ts);
// it compiles nothing itself. scripts/deploy-tools.sh runs `go build` on this module because
// `go install …@version` needs a version list the module proxy may refuse. v5.8.2 is the newest
// kustomize that builds with Go 1.26 (v5.8.3 requires Go 1.27).
package tools

import _ "sigs.k8s.io/kustomize/kustomize/v5"
