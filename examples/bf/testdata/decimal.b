decimal: prints the numbers 0 to 255 in decimal one per line
cells: c0 counter; c1 x; c2 scratch; c4 a zero sentinel; c5 on: the printing area

The printing routine prints the number in c5 and leaves the pointer at c4 with c5 on zero:
it divides by ten again and again with the divmod algorithm
  (n d 0 0 0 0 becomes 0 d_minus_n_mod_d n_mod_d n_div_d 0 0)
stacking the digits to the right; then it prints them back from the last one to the sentinel

>                                   at c1: x = 0
[->+>>>+<<<<]>[-<+>]>>>             copy x to c5 using c2; at c5
>++++++++++<[->-[>+>>]>[+[-<+>]>+>>]<<<<<]>[-]>[-<<+>>]>[-<<+>>]<<<++++++++++++++++++++++++++++++++++++++++++++++++>
[>++++++++++<[->-[>+>>]>[+[-<+>]>+>>]<<<<<]>[-]>[-<<+>>]>[-<<+>>]<<<++++++++++++++++++++++++++++++++++++++++++++++++>]
<[.[-]<]                            print the digits; at c4
>++++++++++.[-]<                    newline
<<<<-                               c0 = 255 (it wraps)
[
  >+                                x = x plus one
  [->+>>>+<<<<]>[-<+>]>>>           copy x to c5
  >++++++++++<[->-[>+>>]>[+[-<+>]>+>>]<<<<<]>[-]>[-<<+>>]>[-<<+>>]<<<++++++++++++++++++++++++++++++++++++++++++++++++>
  [>++++++++++<[->-[>+>>]>[+[-<+>]>+>>]<<<<<]>[-]>[-<<+>>]>[-<<+>>]<<<++++++++++++++++++++++++++++++++++++++++++++++++>]
  <[.[-]<]
  >++++++++++.[-]<
  <<<<-                             count down c0
]
