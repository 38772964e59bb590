count: prints the digits 0 to 9 and a newline
cells: c0 scratch; c1 the digit; c2 the counter; c3 newline

++++++++[>++++++<-]     c1 = 48 (the digit zero) using c0 as the loop counter
>>++++++++++            c2 = 10 digits to print
>++++++++++             c3 = 10 (newline)
<                       back to c2
[<.+>-]                 print c1 and bump it; count down c2
>.                      newline
