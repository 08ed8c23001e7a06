package engine

// SetStoryChunk sets the size of a story's chunks for a test and returns
// what restores it.
func SetStoryChunk(n int) (restore func()) {
	old := storyChunk
	storyChunk = n
	return func() { storyChunk = old }
}

// SetLinkBatch sets how many articles linking takes in one batch for a
// test and returns what restores it.
func SetLinkBatch(n int) (restore func()) {
	old := linkBatchSize
	linkBatchSize = n
	return func() { linkBatchSize = old }
}

// SetWholeGroup sets the largest group of linked articles read whole while
// it is cut into families, for a test, and returns what restores it.
func SetWholeGroup(n int) (restore func()) {
	old := wholeGroup
	wholeGroup = n
	return func() { wholeGroup = old }
}
