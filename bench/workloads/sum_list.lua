-- sum_list: Lua twin of sum_list.py (same algorithm, same output).
-- Usage: luajit sum_list.lua N REPS

local function build(n)
  local xs = {}
  for i = 0, n - 1 do
    xs[#xs + 1] = i
  end
  return xs
end

local function sum_list(xs)
  local total = 0
  for _, x in ipairs(xs) do
    total = total + x
  end
  return total
end

local n = tonumber(arg[1])
local reps = tonumber(arg[2])
local xs = build(n)
local result = 0
for _ = 1, reps do
  result = sum_list(xs)
end
print(string.format("%d", result))
