//go:build !linux

package benchmark

import "time"

// threadCPU is unknown on this system.
func threadCPU() time.Duration { return 0 }

// loadAverage is unknown on this system.
func loadAverage() float64 { return 0 }
