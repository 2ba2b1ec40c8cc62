-- hostile: ask load for binary mode
-- exit: 1
-- stderr: binary chunks are not allowed
load('return 1', 'x', 'b')
