-- hostile: backtrack inside one library call
-- exit: 1
-- stderr: time limit (2 s) exceeded inside a library call
-- flags: --max-instructions none
print(string.find(string.rep('a', 28), string.rep('a*', 28) .. 'b'))
