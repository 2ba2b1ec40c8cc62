-- hostile: replace string methods for everyone
-- exit: 1
-- stderr: attempt to index a boolean value
getmetatable('').__index = { upper = function() return 'pwned' end }
