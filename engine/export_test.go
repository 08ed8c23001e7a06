package engine

// SetStoryChunk sets the size of a story's chunks for a test and returns
// what restores it.
func SetStoryChunk(n int) (restore func()) {
	old := storyChunk
	storyChunk = n
	return func() { storyChunk = old }
}
