package io.tollgate.integrations.goinception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.apache.shardingsphere.db.protocol.codec.PacketCodec;
import org.apache.shardingsphere.db.protocol.mysql.codec.MySQLPacketCodecEngine;
import org.apache.shardingsphere.db.protocol.mysql.constant.MySQLBinaryColumnType;
import org.apache.shardingsphere.db.protocol.mysql.packet.command.query.MySQLColumnDefinition41Packet;
import org.apache.shardingsphere.db.protocol.mysql.packet.command.query.MySQLFieldCountPacket;
import org.apache.shardingsphere.db.protocol.mysql.packet.command.query.text.MySQLTextResultSetRowPacket;
import org.apache.shardingsphere.db.protocol.mysql.packet.generic.MySQLEofPacket;
import org.apache.shardingsphere.db.protocol.mysql.packet.generic.MySQLOKPacket;
import org.apache.shardingsphere.db.protocol.mysql.packet.handshake.MySQLAuthPluginData;
import org.apache.shardingsphere.db.protocol.mysql.packet.handshake.MySQLHandshakePacket;
import org.apache.shardingsphere.db.protocol.mysql.packet.handshake.MySQLHandshakeResponse41Packet;
import org.apache.shardingsphere.db.protocol.mysql.payload.MySQLPacketPayload;
import org.apache.shardingsphere.db.protocol.netty.ChannelAttrInitializer;

/**
 * A stand-in for goInception in tests: a MySQL-protocol server (Apache ShardingSphere's MySQL codec on Netty, no
 * hand-written packet code) that answers a check query with a recorded answer (a fixture under
 * {@code src/test/resources/goinception}) and can be made to stay silent, drop the connection mid-result, answer
 * garbage, or go down and come back on the same port.
 */
public final class GoInceptionStandIn implements AutoCloseable {

    /** How the stand-in answers a check. */
    public enum Mode { ANSWER, SILENT, DROP_MID_RESULT, GARBAGE }

    /** A recorded answer: the column types and rows of goInception's result set, and where it comes from. */
    public record Fixture(String source, List<MySQLBinaryColumnType> types, List<List<Object>> rows) {

        private static final ObjectMapper JSON = new ObjectMapper();

        public static Fixture load(String name) {
            try (InputStream in = GoInceptionStandIn.class.getResourceAsStream("/goinception/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture " + name);
                }
                JsonNode root = JSON.readTree(in);
                List<MySQLBinaryColumnType> types = new ArrayList<>();
                root.get("columns").forEach(c -> types.add(MySQLBinaryColumnType.valueOf("MYSQL_TYPE_"
                        + c.get("type").asText())));
                List<List<Object>> rows = new ArrayList<>();
                for (JsonNode r : root.get("rows")) {
                    List<Object> row = new ArrayList<>();
                    r.forEach(v -> row.add(v.isNull() ? null : v.isNumber() ? (Object) v.asLong() : v.asText()));
                    rows.add(row);
                }
                return new Fixture(root.get("source").asText(), types, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(1);
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<String> checks = new CopyOnWriteArrayList<>();
    private final List<String> users = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private volatile Function<String, Fixture> answers;
    private volatile Mode mode = Mode.ANSWER;
    private Channel server;
    private int port;

    public GoInceptionStandIn(Function<String, Fixture> answers) {
        this.answers = answers;
    }

    /** Listens on a free port, or again on the port it had before {@link #stop()}. */
    public synchronized GoInceptionStandIn start() {
        if (server != null) {
            return this;
        }
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new ChannelAttrInitializer(), new PacketCodec(new MySQLPacketCodecEngine()),
                                new Session());
                    }
                });
        server = bootstrap.bind("127.0.0.1", port).syncUninterruptibly().channel();
        port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
        return this;
    }

    /** Goes down: refuses new connections and drops open ones. */
    public synchronized void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        connections.close().syncUninterruptibly();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "127.0.0.1:" + port;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void answers(Function<String, Fixture> answers) {
        this.answers = answers;
    }

    /** The check queries received, as sent. */
    public List<String> checks() {
        return List.copyOf(checks);
    }

    /** The accounts that signed in. */
    public List<String> users() {
        return List.copyOf(users);
    }

    @Override
    public void close() {
        stop();
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final List<String> COLUMNS = GoInceptionClient.COLUMNS;

    private final class Session extends SimpleChannelInboundHandler<ByteBuf> {

        private boolean authenticated;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.err.println("goInception stand-in: " + cause);
            ctx.close();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            super.channelActive(ctx);
            ctx.writeAndFlush(new MySQLHandshakePacket(connectionIds.incrementAndGet(), new MySQLAuthPluginData()));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
            MySQLPacketPayload payload = new MySQLPacketPayload(message, StandardCharsets.UTF_8);
            if (!authenticated) {
                MySQLHandshakeResponse41Packet response = new MySQLHandshakeResponse41Packet(payload);
                users.add(response.getUsername());
                authenticated = true;
                ctx.writeAndFlush(new MySQLOKPacket(response.getSequenceId() + 1));
                return;
            }
            int sequence = payload.readInt1();
            int command = payload.readInt1();
            switch (command) {
                case 0x01 -> ctx.close();
                case 0x03 -> query(ctx, payload.readStringEOF());
                default -> ctx.writeAndFlush(new MySQLOKPacket(sequence + 1));
            }
        }

        private void query(ChannelHandlerContext ctx, String sql) {
            if (!sql.contains("inception_magic_start")) {
                setUp(ctx, sql);
                return;
            }
            checks.add(sql);
            switch (mode) {
                case SILENT -> { }
                case GARBAGE -> resultSet(ctx, List.of("Variable_name", "Value"),
                        List.of(MySQLBinaryColumnType.MYSQL_TYPE_STRING, MySQLBinaryColumnType.MYSQL_TYPE_STRING),
                        List.of(List.of("version", "not a check")), false);
                case DROP_MID_RESULT -> {
                    Fixture fixture = answers.apply(sql);
                    resultSet(ctx, COLUMNS, fixture.types(), fixture.rows().subList(0, 1), true);
                }
                case ANSWER -> {
                    Fixture fixture = answers.apply(sql);
                    resultSet(ctx, COLUMNS, fixture.types(), fixture.rows(), false);
                }
            }
        }

        /** What Connector/J asks while connecting: its session variables (one row of the aliases), or OK. */
        private void setUp(ChannelHandlerContext ctx, String sql) {
            String s = sql.replaceFirst("^/\\*.*?\\*/", "").strip();
            if (!s.regionMatches(true, 0, "SELECT", 0, 6) && !s.regionMatches(true, 0, "SHOW", 0, 4)) {
                ctx.writeAndFlush(new MySQLOKPacket(1));
                return;
            }
            java.util.regex.Matcher aliases = java.util.regex.Pattern.compile("(?i)AS\\s+(\\w+)").matcher(s);
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            Map<String, String> known = Map.of("auto_increment_increment", "1", "max_allowed_packet", "67108864",
                    "net_write_timeout", "60", "wait_timeout", "28800", "character_set_server", "utf8mb4",
                    "collation_server", "utf8mb4_general_ci", "transaction_isolation", "REPEATABLE-READ",
                    "time_zone", "SYSTEM", "system_time_zone", "UTC", "lower_case_table_names", "0");
            while (aliases.find()) {
                names.add(aliases.group(1));
                values.add(known.getOrDefault(aliases.group(1), null));
            }
            if (names.isEmpty()) {
                names.add("1");
                values.add("1");
            }
            resultSet(ctx, names, names.stream().map(n -> MySQLBinaryColumnType.MYSQL_TYPE_VAR_STRING).toList(),
                    List.of(values), false);
        }

        private void resultSet(ChannelHandlerContext ctx, List<String> names, List<MySQLBinaryColumnType> types,
                               List<List<Object>> rows, boolean dropAfterFirstRow) {
            int seq = 1;
            ctx.write(new MySQLFieldCountPacket(seq++, names.size()));
            for (int i = 0; i < names.size(); i++) {
                boolean text = types.get(i) == MySQLBinaryColumnType.MYSQL_TYPE_STRING
                        || types.get(i) == MySQLBinaryColumnType.MYSQL_TYPE_VAR_STRING;
                ctx.write(new MySQLColumnDefinition41Packet(seq++, text ? 33 : 63, "", "", "", names.get(i),
                        names.get(i), text ? 1024 : 11, types.get(i), 0, false));
            }
            ctx.write(new MySQLEofPacket(seq++));
            for (List<Object> row : rows) {
                ctx.write(new MySQLTextResultSetRowPacket(seq++, row));
            }
            if (dropAfterFirstRow) {
                ctx.flush();
                ctx.close();
                return;
            }
            ctx.writeAndFlush(new MySQLEofPacket(seq));
        }
    }
}
