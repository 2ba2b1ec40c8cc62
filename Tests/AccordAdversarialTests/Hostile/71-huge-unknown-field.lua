-- hostile: make the typo suggester compare a huge word
-- exit: 1
-- stderr: hostile.lua:4: unknown field '(a 2000000-byte string)'
print(accord.partnerships()[1][string.rep('x', 2000000)])
