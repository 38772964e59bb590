-- collatz: Lua twin of collatz.py (same algorithm, same output).
-- Usage: luajit collatz.lua N REPS

local function collatz_steps(limit)
  local total = 0
  for k = 1, limit do
    local n = k
    while n ~= 1 do
      if n % 2 == 0 then
        n = n / 2
      else
        n = 3 * n + 1
      end
      total = total + 1
    end
  end
  return total
end

local limit = tonumber(arg[1])
local reps = tonumber(arg[2])
local steps = 0
for _ = 1, reps do
  steps = collatz_steps(limit)
end
print(string.format("%d", steps))
