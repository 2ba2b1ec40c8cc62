-- hostile: reach io through _G
-- exit: 1
-- stderr: attempt to index a nil value (field 'io')
_G.io.write('pwned')
