-- hostile: swallow the stop with coroutine.resume
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
while true do
  local co = coroutine.create(function() while true do end end)
  print(coroutine.resume(co))
end
