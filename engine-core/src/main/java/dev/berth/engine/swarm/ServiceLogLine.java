package dev.berth.engine.swarm;

import dev.berth.engine.stream.OutputLine;

/**
 * One line of {@code /services/{id}/logs?details=1}: the engine puts the task's attributes first
 * ({@code com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=…}) and a space.
 */
public record ServiceLogLine(String taskId, String nodeId, String text, OutputLine line) {

    public static ServiceLogLine of(OutputLine line) {
        String text = line.text();
        int space = text.indexOf(' ');
        String head = space < 0 ? text : text.substring(0, space);
        if (!head.contains("com.docker.swarm.")) {
            return new ServiceLogLine(null, null, text, line);
        }
        String task = null;
        String node = null;
        for (String pair : head.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (key.equals("com.docker.swarm.task.id")) {
                    task = value;
                } else if (key.equals("com.docker.swarm.node.id")) {
                    node = value;
                }
            }
        }
        return new ServiceLogLine(task, node, space < 0 ? "" : text.substring(space + 1), line);
    }
}
