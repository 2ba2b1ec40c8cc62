-- hostile: spread work over many short coroutines, each under the hook's step
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
local wrap = coroutine.wrap
local function leaf() local x = 0 for i = 1, 2000 do x = x + i end end
local function node(level)
  if level == 0 then return leaf() end
  for i = 1, 1000 do wrap(node)(level - 1) end
end
node(4)
print('escaped')
