-- hostile: swallow the stop with pcall
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
while true do pcall(function() while true do end end) end
