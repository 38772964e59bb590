squares: prints the squares of 0 to 15 one per line
cells: c0 counter; c1 n; c2 and c3 scratch; c4 a zero sentinel; c5 n times n then the printing area
(the printing routine is the one of decimal)

++++++++++++++++                    c0 = 16
[
  >[->+>+<<]>>[-<<+>>]<             c2 = n (through c3); at c2
  [                                 c2 times:
    <[->>+>>+<<<<]                    add n to c5 (and to c3)
    >>[-<<+>>]                        give n back to c1
    <-
  ]
  >>>                               at c5: n times n
>++++++++++<[->-[>+>>]>[+[-<+>]>+>>]<<<<<]>[-]>[-<<+>>]>[-<<+>>]<<<++++++++++++++++++++++++++++++++++++++++++++++++>
[>++++++++++<[->-[>+>>]>[+[-<+>]>+>>]<<<<<]>[-]>[-<<+>>]>[-<<+>>]<<<++++++++++++++++++++++++++++++++++++++++++++++++>]
<[.[-]<]
  >++++++++++.[-]<                  newline; at c4
  <<<+                              next n
  <-                                count down c0
]
