-- hostile: loop forever inside a coroutine
-- exit: 1
-- stderr: instruction limit (5000000) exceeded
coroutine.wrap(function() while true do end end)()
