package compile

// StackDepths returns the value-stack depth before each instruction (-1 where unreachable), as
// the compiler's flow analysis computed it. The depth at a pc is the same on every path, so the
// interpreter can rebuild a frame's stack pointer from a pc alone: the JIT's snapshots rely on
// this to resume a frame at any instruction.
func (c *Code) StackDepths() []int {
	depths, _, err := c.stackDepths()
	if err != nil {
		panic("compile: " + err.Error())
	}
	return depths
}
