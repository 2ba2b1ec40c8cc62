-- hostile: run another file
-- exit: 1
-- stderr: attempt to call a nil value (global 'dofile')
dofile('/etc/passwd')
