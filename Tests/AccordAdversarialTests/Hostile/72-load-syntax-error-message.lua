-- hostile: a load syntax error must come back without the host's traceback
-- exit: 0
-- stdout: clean
local f, e = load('x = = 1')
print(f, e, e:find('stack traceback') == nil and 'clean' or 'LEAKED')
