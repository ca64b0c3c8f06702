package dev.berth.app.gui.resources;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.app.gui.controls.Icons;
import dev.berth.app.gui.format.Formats;
import dev.berth.engine.files.ContainerFileEntry;
import dev.berth.engine.files.ContainerFiles;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A container's filesystem as a lazy tree (a folder is listed when first expanded), read-only except for
 * what the user drops onto a folder (uploaded after asking before overwriting) and downloads of the
 * selected file or folder. The volume browser's look: same columns, icons and header.
 */
final class ContainerFilesView extends BorderPane {

    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ContainerFilesViewModel model;
    private final TreeTableView<ContainerFileEntry> tree = new TreeTableView<>();
    private final Button download = new Button("Download…", Icons.icon(Feather.DOWNLOAD));

    ContainerFilesView(ContainerFilesViewModel model) {
        this.model = model;
        getStyleClass().add("volume-browser");

        Label title = new Label("Files in " + model.containerName());
        title.getStyleClass().add("pane-title");
        Label hint = new Label("Drop files onto a folder to upload them", Icons.icon(Feather.UPLOAD));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, hint);
        header.getStyleClass().add("resource-header");

        tree.setId("container-files-tree");
        tree.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        tree.setShowRoot(true);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.getColumns().setAll(List.of(nameColumn(), sizeColumn(), modifiedColumn()));
        tree.setRowFactory(table -> dropTargetRow());
        tree.setOnDragOver(this::acceptFiles);
        tree.setOnDragDropped(event -> dropped(event, (Item) tree.getRoot()));
        Item root = new Item(new ContainerFileEntry("/", "/", ContainerFileEntry.Type.DIRECTORY, 0, 0755, null, null));
        tree.setRoot(root);
        root.setExpanded(true);

        download.setId("container-files-download");
        download.disableProperty().bind(tree.getSelectionModel().selectedItemProperty().isNull());
        download.setOnAction(event -> chooseAndDownload());
        Label notice = new Label();
        notice.setId("container-files-notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty().map(Notice::text));
        model.noticeProperty().addListener((obs, old, shown) -> {
            notice.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            if (shown.tone() == Notice.Tone.ERROR) {
                notice.getStyleClass().add(Styles.DANGER);
            } else if (shown.tone() == Notice.Tone.SUCCESS) {
                notice.getStyleClass().add(Styles.SUCCESS);
            }
        });
        HBox.setHgrow(notice, Priority.ALWAYS);
        HBox footer = new HBox(10, download, notice);
        footer.getStyleClass().add("resource-header");

        setTop(header);
        setCenter(tree);
        setBottom(footer);
    }

    ContainerFilesViewModel model() {
        return model;
    }

    TreeTableView<ContainerFileEntry> tree() {
        return tree;
    }

    /** The tree item for an absolute container path among those already listed, or null. */
    TreeItem<ContainerFileEntry> find(String path) {
        return find(tree.getRoot(), path);
    }

    private static TreeItem<ContainerFileEntry> find(TreeItem<ContainerFileEntry> item, String path) {
        if (item.getValue().path().equals(path)) {
            return item;
        }
        if (item instanceof Item folder && folder.listed) {
            for (TreeItem<ContainerFileEntry> child : item.getChildren()) {
                TreeItem<ContainerFileEntry> found = find(child, path);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** What a drop onto {@code target} does: uploads into that folder (or a file's folder), then re-lists it. */
    void upload(List<Path> local, TreeItem<ContainerFileEntry> target) {
        TreeItem<ContainerFileEntry> folder = target.getValue().directory() || target.getParent() == null ? target : target.getParent();
        model.upload(local, folder.getValue().path(), () -> ((Item) folder).relist());
    }

    private TreeTableRow<ContainerFileEntry> dropTargetRow() {
        TreeTableRow<ContainerFileEntry> row = new TreeTableRow<>();
        row.setOnDragOver(this::acceptFiles);
        row.setOnDragDropped(event -> {
            if (row.getTreeItem() != null) {
                dropped(event, row.getTreeItem());
            }
        });
        return row;
    }

    private void acceptFiles(DragEvent event) {
        if (event.getDragboard().hasFiles()) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    private void dropped(DragEvent event, TreeItem<ContainerFileEntry> target) {
        boolean files = event.getDragboard().hasFiles();
        if (files) {
            upload(event.getDragboard().getFiles().stream().map(File::toPath).toList(), target);
        }
        event.setDropCompleted(files);
        event.consume();
    }

    private void chooseAndDownload() {
        TreeItem<ContainerFileEntry> selected = tree.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        ContainerFileEntry entry = selected.getValue();
        File target;
        if (entry.directory()) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Download " + entry.path() + " into…");
            target = chooser.showDialog(getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Download " + entry.path());
            chooser.setInitialFileName(entry.name());
            target = chooser.showSaveDialog(getScene().getWindow());
        }
        if (target != null) {
            model.download(entry.path(), target.toPath(), () -> { });
        }
    }

    private static TreeTableColumn<ContainerFileEntry, ContainerFileEntry> nameColumn() {
        TreeTableColumn<ContainerFileEntry, ContainerFileEntry> column = new TreeTableColumn<>("Name");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        column.setPrefWidth(300);
        column.setCellFactory(c -> new TreeTableCell<>() {
            private final FontIcon icon = Icons.icon(Feather.FILE);

            @Override
            protected void updateItem(ContainerFileEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                boolean link = entry.type() == ContainerFileEntry.Type.LINK;
                setText(link ? entry.name() + " → " + entry.linkTarget() : entry.name());
                icon.setIconCode(entry.directory() ? Feather.FOLDER : link ? Feather.LINK : Feather.FILE);
                setGraphic(icon);
            }
        });
        return column;
    }

    private static TreeTableColumn<ContainerFileEntry, String> sizeColumn() {
        TreeTableColumn<ContainerFileEntry, String> column = new TreeTableColumn<>("Size");
        column.setCellValueFactory(cell -> {
            ContainerFileEntry entry = cell.getValue().getValue();
            return new ReadOnlyObjectWrapper<>(entry.type() == ContainerFileEntry.Type.FILE ? Formats.bytes(entry.size()) : "");
        });
        column.setPrefWidth(100);
        column.getStyleClass().add("numeric-column");
        return column;
    }

    private static TreeTableColumn<ContainerFileEntry, String> modifiedColumn() {
        TreeTableColumn<ContainerFileEntry, String> column = new TreeTableColumn<>("Modified");
        column.setCellValueFactory(cell -> {
            Instant modified = cell.getValue().getValue().modified();
            return new ReadOnlyObjectWrapper<>(modified == null ? "" : MODIFIED.format(modified));
        });
        column.setPrefWidth(130);
        return column;
    }

    /**
     * A folder lists its children from the engine the first time they are asked for (expanded); until the
     * answer comes it shows no children. Files are leaves.
     */
    private final class Item extends TreeItem<ContainerFileEntry> {
        private boolean requested;
        private boolean listed;

        Item(ContainerFileEntry entry) {
            super(entry);
        }

        @Override
        public boolean isLeaf() {
            return !getValue().directory() || listed && super.getChildren().isEmpty();
        }

        @Override
        public ObservableList<TreeItem<ContainerFileEntry>> getChildren() {
            if (!requested && getValue().directory()) {
                requested = true;
                relist();
            }
            return super.getChildren();
        }

        void relist() {
            requested = true;
            model.list(getValue().path(), this::show);
        }

        private void show(ContainerFiles.Listing listing) {
            listed = true;
            super.getChildren().setAll(listing.children().stream().map(child -> (TreeItem<ContainerFileEntry>) new Item(child)).toList());
        }
    }
}
