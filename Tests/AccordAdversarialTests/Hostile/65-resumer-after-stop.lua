-- hostile: keep running in the coroutine that resumed the stopped one
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
local B = coroutine.create(function() while true do end end)
local A = coroutine.wrap(function()
  local ok, e = coroutine.resume(B)
  print('escaped', ok, e)
end)
A()
