numbers: prints 00 to 99 one per line with two nested counting loops
cells: c0 tens counter; c1 tens digit; c2 ones counter; c3 ones digit; c4 newline; c5 scratch

++++++++++                      c0 = 10
>>>>++++++++++                  c4 = 10 (newline)
>++++++++[<<<<++++++>>>>-]      c1 = 48 (zero digit) using c5
<<<<<                           at c0
[                               tens loop
  >>>>>++++++++[<<++++++>>-]    c3 = 48 using c5
  <<<++++++++++                 c2 = 10
  [                             ones loop at c2
    <.>>.>.                     print c1 and c3 and the newline
    <+                          next ones digit
    <-                          count down c2
  ]
  >[-]                          clear c3
  <<+                           next tens digit
  <-                            count down c0
]
