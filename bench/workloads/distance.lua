-- distance: Lua twin of distance.py (same algorithm, same output).
-- Points are two-element tables, the closest Lua has to tuples.
-- Usage: luajit distance.lua N REPS

local function sub(p, q)
  local x1, y1 = p[1], p[2]
  local x2, y2 = q[1], q[2]
  return {x1 - x2, y1 - y2}
end

local function distance(p, q)
  local d = sub(q, p)
  local dx, dy = d[1], d[2]
  return math.sqrt(dx * dx + dy * dy)
end

local function run(n)
  local total = 0.0
  for i = 0, n - 1 do
    local t = (i % 1000) * 0.001
    local p = {t, 1.0 - t}
    local q = {1.0 + t, t * 0.5}
    total = total + distance(p, q)
  end
  return total
end

-- int() in Python truncates toward zero.
local function trunc(x)
  if x >= 0 then return math.floor(x) else return math.ceil(x) end
end

local n = tonumber(arg[1])
local reps = tonumber(arg[2])
local total = 0.0
for _ = 1, reps do
  total = run(n)
end
print(string.format("%d", trunc(total * 1000.0)))
