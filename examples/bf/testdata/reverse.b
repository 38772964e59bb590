reverse: prints its input backwards
c0 stays zero as a sentinel; the input goes in c1 and on; the tape grows as needed

>,[>,]          read bytes until the end of the input (which leaves a fresh zero cell)
<[.<]           walk back to the sentinel printing each byte
