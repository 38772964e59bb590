#include "textflag.h"

// func enter(code uintptr, ctx unsafe.Pointer) (exit uint64)
//
// The trampoline between Go and compiled code (see enter_amd64.go). It is an ABI0 function,
// so Go's ABIInternal callers reload R14 (g) and zero X15 after it returns, and it may
// clobber every register but SP and BP: the compiled code never touches SP (it uses no stack
// beyond the return address this CALL pushes) nor BP (the frame pointer the profiler walks).
// The frame size is 0 and the function is NOSPLIT: no stack check, no frame pointer setup.
TEXT ·enter(SB), NOSPLIT, $0-24
	MOVQ code+0(FP), AX
	MOVQ ctx+8(FP), R15   // the context register of compiled code
	MOVQ 0(R15), R14      // the back-edge budget lives in R14 while the code runs
	CALL AX               // compiled code returns with RET, the exit code in AX
	MOVQ AX, exit+16(FP)
	RET
