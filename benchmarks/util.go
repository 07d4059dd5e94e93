package benchmarks

import (
	"os"
	"sync"
	"syscall"
)

// onceSet runs a function once per key.
type onceSet struct {
	mu sync.Mutex
	m  map[string]bool
}

func (s *onceSet) once(key string, fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[key] {
		return
	}
	s.m[key] = true
	fn()
}

// processAlive reports whether a process with this id runs.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || err == syscall.EPERM
}
