-- hostile: change the metatable of every record
-- exit: 1
-- stderr: attempt to index a string value
local p = accord.partnerships()[1]
getmetatable(p).__tostring = function() return 'pwned' end
