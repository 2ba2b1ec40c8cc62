-- hostile: run code from a finalizer
-- exit: 1
-- stderr: __gc finalizers are not allowed
setmetatable(_G, { __gc = function() while true do end end })
