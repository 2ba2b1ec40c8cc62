-- hostile: compile another file
-- exit: 1
-- stderr: attempt to call a nil value (global 'loadfile')
loadfile('/etc/passwd')
