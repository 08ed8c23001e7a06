//go:build !linux

package benchmark

import "time"

// threadCPU is unknown on this system.
func threadCPU() time.Duration { return 0 }

// loadAverage is unknown on this system.
func loadAverage() float64 { return 0 }

// currentRSS is unknown on this system.
func currentRSS() int64 { return 0 }

// processesPSS is unknown on this system.
func processesPSS([]int) int64 { return 0 }

// processCPUOf is unknown on this system.
func processCPUOf(int) time.Duration { return 0 }
