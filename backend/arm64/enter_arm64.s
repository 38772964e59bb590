//go:build arm64 && linux

#include "textflag.h"

// func enter(code uintptr, ctx unsafe.Pointer) (exit uint64)
//
// The trampoline between Go and compiled code (see enter_arm64.go). It is an ABI0 function:
// Go's ABIInternal callers reach it through a wrapper that treats every register but RSP, g
// (R28) and the frame pointer (R29) as clobbered. The assembler gives the frame a slot for
// LR, since the function calls; the compiled code keeps RSP, R28, R29 and R30.
TEXT ·enter(SB), NOSPLIT, $0-24
	MOVD code+0(FP), R0
	MOVD ctx+8(FP), R26   // the context register of compiled code
	MOVD 0(R26), R25      // the back-edge budget lives in R25 while the code runs
	CALL (R0)             // BL: compiled code returns with RET, the exit code in R0
	MOVD R0, exit+16(FP)
	RET

// func flushICache(addr, n uintptr)
TEXT ·flushICache(SB), NOSPLIT|NOFRAME, $0-16
	MOVD addr+0(FP), R0
	MOVD n+8(FP), R1
	ADD  R0, R1, R1          // R1 = end
	WORD $0xd53b0022         // MRS CTR_EL0, R2
	// Data cache line: 4 << CTR_EL0.DminLine (bits 19:16).
	UBFX $16, R2, $4, R3
	MOVD $4, R4
	LSL  R3, R4, R3          // R3 = dline
	SUB  $1, R3, R5
	BIC  R5, R0, R6          // R6 = addr rounded down to a line
dloop:
	CMP  R1, R6
	BHS  ddone
	WORD $0xd50b7b26         // DC CVAU, R6
	ADD  R3, R6, R6
	B    dloop
ddone:
	WORD $0xd5033b9f         // DSB ISH
	// Instruction cache line: 4 << CTR_EL0.IminLine (bits 3:0).
	AND  $15, R2, R3
	MOVD $4, R4
	LSL  R3, R4, R3
	SUB  $1, R3, R5
	BIC  R5, R0, R6
iloop:
	CMP  R1, R6
	BHS  idone
	WORD $0xd50b7526         // IC IVAU, R6
	ADD  R3, R6, R6
	B    iloop
idone:
	WORD $0xd5033b9f         // DSB ISH
	WORD $0xd5033fdf         // ISB
	RET
