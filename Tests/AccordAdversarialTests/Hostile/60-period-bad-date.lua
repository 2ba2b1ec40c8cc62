-- hostile: hand a period a date that is not one
-- exit: 1
-- stderr: hostile.lua:4: invalid date 'fuzz'
print(accord.period('2019'):contains('fuzz'))
