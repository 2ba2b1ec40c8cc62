-- hostile: ask covers about a number
-- exit: 1
-- stderr: hostile.lua:4: bad argument #1 to 'covers' (string expected, got number)
print(accord.partnerships()[1]:covers(42))
