# Lexing of identifiers (underscores, digits, names that start with a keyword or builtin name) and of
# operators written without spaces, where the tokenizer must take the longest operator.
_ = 1
__x = 2
x1_y2 = 3
if_ = 4
True_ = 5
None1 = 6
printed = 7
lambda_ = 8
print(_, __x, x1_y2, if_, True_, None1, printed, lambda_)
a=1+-2
b=a**-1
c=a*-a
d=3//-2
e=7%-3
print(a,b,c,d,e)
print(1<2,1<=2,2>=1,1!=2,1==1,2>1,-1<-0.5)
print(2**-2,2**+2,-2**2,~-2,-~2,not-1,not+0)
f=1<<2>>1
g=5&3|8^2
print(f,g,1<<-~1,8>>~-2)
x=[1,2,3,4,5]
print(x[1:-1],x[::-1],x[-1:],x[:-1:2],x[-2::-2])
y=x[0]+x[-1]*x[1]//x[2]%x[3]
print(y)
z=10
z+=1
z-=2
z*=3
z//=2
z**=2
z%=7
z<<=3
z>>=1
z|=1
z&=13
z^=6
print(z)
