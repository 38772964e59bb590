# Indentation with tabs and spaces that CPython accepts: a function indented with tabs, one with
# spaces, a tab block whose inner block adds spaces after the tab, and blank lines holding whitespace.
def with_tabs(n):
	total = 0
	for i in range(n):
		if i % 2 == 0:
			total += i
		else:
		    total -= 1
	return total

def with_spaces(n):
    out = []
    for i in range(n):
        out.append(i * i)
    return out

def tab_then_spaces(xs):
	res = 0
	for x in xs:
	    if x > 2:
	        res += x
	 	
	return res

print(with_tabs(10), with_spaces(5), tab_then_spaces([1, 2, 3, 4]))
if True:
	print("tab block")
	if 1:
		print("two tabs")
	print("back to one tab")
if True:
        print("eight spaces")
print("done")
