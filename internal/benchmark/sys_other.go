//go:build !unix

package benchmark

import "time"

// processCPU is unknown on this system.
func processCPU() time.Duration { return 0 }

// peakRSS is unknown on this system.
func peakRSS() int64 { return 0 }
