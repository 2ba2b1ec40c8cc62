-- hostile: swallow a refused allocation and end at once
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
print(pcall(string.rep, 'x', 2^30))
