-- hostile: confuse next with a key that is not there
-- exit: 1
-- stderr: hostile.lua:4: invalid key to 'next'
next({}, 'missing')
