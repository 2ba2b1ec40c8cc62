-- hostile: read a file through io
-- exit: 1
-- stderr: attempt to index a nil value (global 'io')
local f = io.open('/etc/passwd')
print(f:read('a'))
