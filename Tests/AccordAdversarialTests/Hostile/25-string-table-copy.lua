-- hostile: change the string library
-- exit: 0
-- stdout: X
string.upper = function() return 'pwned' end
print(('x'):upper())
