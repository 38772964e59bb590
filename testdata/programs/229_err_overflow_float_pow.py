# Uncaught OverflowError from float ** (math range error, shown as (34, 'Numerical result out of
# range')) in a compounding loop, after float * overflowing silently to inf.
print(1e308 * 10, 2.0 ** 1023, 10.0 ** 308)
try:
    10.0 ** 309
except OverflowError as e:
    print("caught:", e)
rate = 1.5
for years in range(1000, 3000, 500):
    print(years, rate ** years)
